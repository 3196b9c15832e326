using System.Runtime.CompilerServices;
using OpenData.DuckDB.Reading;

namespace OpenData.DuckDB;

public sealed partial class DuckDBDataReader
{
    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => !Column(ordinal).IsValid(CurrentRow());

    /// <inheritdoc />
    public override object GetValue(int ordinal)
    {
        var column = Column(ordinal);
        var row = CurrentRow();
        return column.IsValid(row) ? column.GetValue(row) : DBNull.Value;
    }

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    /// <inheritdoc />
    public override bool GetBoolean(int ordinal) => NonNull(ordinal, out var row).GetBoolean(row);

    /// <inheritdoc />
    public override byte GetByte(int ordinal) => NonNull(ordinal, out var row).GetByte(row);

    /// <inheritdoc />
    public override short GetInt16(int ordinal) => NonNull(ordinal, out var row).GetInt16(row);

    /// <inheritdoc />
    public override int GetInt32(int ordinal) => NonNull(ordinal, out var row).GetInt32(row);

    /// <summary>The value as a long; for TIMESTAMP columns, the raw count of the column's unit since 1970-01-01.</summary>
    public override long GetInt64(int ordinal) => NonNull(ordinal, out var row).GetInt64(row);

    /// <inheritdoc />
    public override float GetFloat(int ordinal) => NonNull(ordinal, out var row).GetFloat(row);

    /// <inheritdoc />
    public override double GetDouble(int ordinal) => NonNull(ordinal, out var row).GetDouble(row);

    /// <inheritdoc />
    public override decimal GetDecimal(int ordinal) => NonNull(ordinal, out var row).GetDecimal(row);

    /// <inheritdoc />
    public override string GetString(int ordinal) => NonNull(ordinal, out var row).GetString(row);

    /// <inheritdoc />
    public override DateTime GetDateTime(int ordinal) => NonNull(ordinal, out var row).GetDateTime(row);

    /// <inheritdoc />
    public override Guid GetGuid(int ordinal) => NonNull(ordinal, out var row).GetGuid(row);

    /// <inheritdoc />
    public override char GetChar(int ordinal)
    {
        var text = GetString(ordinal);
        return text.Length > 0 ? text[0] : throw new InvalidCastException("The value is an empty string.");
    }

    /// <summary>
    /// The value as <typeparamref name="T"/>, without boxing for primitive types. NULL reads as null for reference
    /// and nullable types and throws otherwise. Beyond each column's own type: DATE as DateTime, TIME and
    /// INTERVAL as TimeSpan, TIMESTAMP as DateTimeOffset, DECIMAL as SqlDecimal (exact for every width).
    /// </summary>
    public override T GetFieldValue<T>(int ordinal)
    {
        var column = Column(ordinal);
        var row = CurrentRow();
        if (!column.IsValid(row))
        {
            return typeof(T) == typeof(object) || typeof(T) == typeof(DBNull) ? (T)(object)DBNull.Value
                : default(T) is null ? default!
                : throw NullValue(ordinal);
        }

        return Nullable.GetUnderlyingType(typeof(T)) is { } underlying
            ? (T)ReadAs(column, row, underlying)
            : column.GetFieldValue<T>(row);
    }

    /// <inheritdoc />
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var column = NonNull(ordinal, out var row) as StringVectorReader
            ?? throw new InvalidCastException($"GetBytes reads BLOB and VARCHAR columns, not {GetDataTypeName(ordinal)}.");
        var bytes = column.GetBytes(row);
        if (buffer is null)
        {
            return bytes.Length;
        }

        var available = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        bytes.Slice((int)dataOffset, available).CopyTo(buffer.AsSpan(bufferOffset));
        return available;
    }

    /// <inheritdoc />
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var available = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.AsSpan((int)dataOffset, available).CopyTo(buffer.AsSpan(bufferOffset));
        return available;
    }

    /// <inheritdoc />
    public override Stream GetStream(int ordinal) => new MemoryStream(GetFieldValue<byte[]>(ordinal), writable: false);

    private static object ReadAs(VectorReader column, ulong row, Type type) =>
        typeof(VectorReader).GetMethod(nameof(VectorReader.GetFieldValue))!.MakeGenericMethod(type)
            .Invoke(column, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [row], null)!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private VectorReader NonNull(int ordinal, out ulong row)
    {
        var column = Column(ordinal);
        row = CurrentRow();
        return column.IsValid(row) ? column : throw NullValue(ordinal);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong CurrentRow() =>
        _onRow ? _row : throw new InvalidOperationException(DuckDBStrings.NoCurrentRow);

    private InvalidCastException NullValue(int ordinal) =>
        new(string.Format(DuckDBStrings.ColumnIsNull, ordinal, _names[ordinal]));
}

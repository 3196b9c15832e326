using System.Runtime.CompilerServices;

namespace OpenData.DuckDB.Reading;

/// <summary>
/// Reads one column of the current chunk. One subclass per DuckDB type (see <see cref="VectorReaderFactory"/>);
/// this base holds the validity test and the conversion rules, so subclasses override only the getters their
/// type supports. A reader is reset for each chunk, never rebuilt.
/// </summary>
internal abstract unsafe class VectorReader
{
    private ulong* _validity;

    protected VectorReader(DuckDBType type, Type clrType)
    {
        Type = type;
        ClrType = clrType;
    }

    /// <summary>The DuckDB type of the column.</summary>
    public DuckDBType Type { get; }

    /// <summary>The .NET type <see cref="GetValue"/> returns.</summary>
    public Type ClrType { get; }

    /// <summary>The type's name as DuckDB writes it, e.g. DECIMAL(18,3) or INTEGER[].</summary>
    public abstract string TypeName { get; }

    protected void* Data { get; private set; }

    public virtual void Reset(IntPtr vector)
    {
        Data = Native.NativeMethods.Vector.GetData(vector);
        _validity = Native.NativeMethods.Vector.GetValidity(vector);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(ulong row) => _validity == null || (_validity[row / 64] & (1UL << (int)(row % 64))) != 0;

    /// <summary>The value as <see cref="ClrType"/>, boxed; callers check <see cref="IsValid"/> first.</summary>
    public abstract object GetValue(ulong row);

    public virtual bool GetBoolean(ulong row) => throw CannotRead<bool>();

    public virtual long GetInt64(ulong row) => throw CannotRead<long>();

    public virtual byte GetByte(ulong row) => Convert<byte>(GetInt64(row));

    public virtual short GetInt16(ulong row) => Convert<short>(GetInt64(row));

    public virtual int GetInt32(ulong row) => Convert<int>(GetInt64(row));

    public virtual double GetDouble(ulong row) => throw CannotRead<double>();

    public virtual float GetFloat(ulong row) => (float)GetDouble(row);

    public virtual decimal GetDecimal(ulong row) => throw CannotRead<decimal>();

    public virtual string GetString(ulong row) => throw CannotRead<string>();

    public virtual DateTime GetDateTime(ulong row) => throw CannotRead<DateTime>();

    public virtual Guid GetGuid(ulong row) => throw CannotRead<Guid>();

    /// <summary>
    /// Typed access without boxing for the primitive targets (the type tests fold away per instantiation);
    /// other targets go through <see cref="GetValue"/> and the reader's own conversions.
    /// </summary>
    public T GetFieldValue<T>(ulong row)
    {
        if (typeof(T) == typeof(bool)) { var v = GetBoolean(row); return Unsafe.As<bool, T>(ref v); }
        if (typeof(T) == typeof(byte)) { var v = GetByte(row); return Unsafe.As<byte, T>(ref v); }
        if (typeof(T) == typeof(short)) { var v = GetInt16(row); return Unsafe.As<short, T>(ref v); }
        if (typeof(T) == typeof(int)) { var v = GetInt32(row); return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(long)) { var v = GetInt64(row); return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(float)) { var v = GetFloat(row); return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(double)) { var v = GetDouble(row); return Unsafe.As<double, T>(ref v); }
        if (typeof(T) == typeof(decimal)) { var v = GetDecimal(row); return Unsafe.As<decimal, T>(ref v); }
        if (typeof(T) == typeof(DateTime)) { var v = GetDateTime(row); return Unsafe.As<DateTime, T>(ref v); }
        if (typeof(T) == typeof(Guid)) { var v = GetGuid(row); return Unsafe.As<Guid, T>(ref v); }
        if (typeof(T) == typeof(string)) { return (T)(object)GetString(row); }
        if (TryGetAs(row, typeof(T), out var converted)) { return (T)converted; }

        var value = GetValue(row);
        return value is T typed ? typed : throw CannotRead<T>();
    }

    /// <summary>Conversions a type offers beyond its <see cref="ClrType"/>, e.g. DATE as DateTime.</summary>
    protected virtual bool TryGetAs(ulong row, Type target, out object value)
    {
        value = null!;
        return false;
    }

    protected InvalidCastException CannotRead<T>() =>
        new(string.Format(DuckDBStrings.CannotReadAs, TypeName, typeof(T).Name));

    private TTarget Convert<TTarget>(long value) where TTarget : System.Numerics.INumberBase<TTarget>
    {
        try
        {
            return TTarget.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new OverflowException(string.Format(DuckDBStrings.ValueOutOfRange, TypeName, value, typeof(TTarget).Name));
        }
    }
}

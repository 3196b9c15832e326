using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

/// <summary>duckdb_result: a by-value struct that DuckDB fills in and that must be destroyed even after a failure.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}

/// <summary>duckdb_string_t: up to 12 bytes inline, otherwise a 4-byte prefix and a pointer. Not owned.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct DuckDBStringT
{
    public const int InlineLength = 12;

    [FieldOffset(0)] public uint Length;
    [FieldOffset(4)] public fixed byte Inlined[InlineLength];
    [FieldOffset(8)] public byte* Pointer;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBIntervalT
{
    public int Months;
    public int Days;
    public long Micros;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBHugeInt
{
    public ulong Lower;
    public long Upper;

    public DuckDBHugeInt(Int128 value)
    {
        Lower = (ulong)value;
        Upper = (long)(value >> 64);
    }

    public readonly Int128 ToInt128() => new((ulong)Upper, Lower);
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBUHugeInt
{
    public ulong Lower;
    public ulong Upper;

    public DuckDBUHugeInt(UInt128 value)
    {
        Lower = (ulong)value;
        Upper = (ulong)(value >> 64);
    }

    public readonly UInt128 ToUInt128() => new(Upper, Lower);
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBDecimal
{
    public byte Width;
    public byte Scale;
    public DuckDBHugeInt Value;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBQueryProgressType
{
    public double Percentage;
    public ulong RowsProcessed;
    public ulong TotalRowsToProcess;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDBListEntry
{
    public ulong Offset;
    public ulong Length;
}

internal enum DuckDBState
{
    Success = 0,
    Error = 1,
}

internal enum DuckDBPendingState
{
    Ready = 0,
    NotReady = 1,
    Error = 2,
    NoTasksAvailable = 3,
}

internal enum DuckDBResultType
{
    Invalid = 0,
    ChangedRows = 1,
    Nothing = 2,
    QueryResult = 3,
}

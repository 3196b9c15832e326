namespace OpenData.DuckDB.Reading;

internal sealed unsafe class BooleanVectorReader() : VectorReader(DuckDBType.Boolean, typeof(bool))
{
    public override string TypeName => "BOOLEAN";

    public override bool GetBoolean(ulong row) => ((byte*)Data)[row] != 0;

    public override long GetInt64(ulong row) => GetBoolean(row) ? 1 : 0;

    public override string GetString(ulong row) => GetBoolean(row) ? "true" : "false";

    public override object GetValue(ulong row) => GetBoolean(row);
}

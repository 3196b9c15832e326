// The members mirror duckdb.h one for one; their names are their documentation.
#pragma warning disable CS1591

namespace OpenData.DuckDB;

/// <summary>Statement types as DuckDB's parser reports them (duckdb_statement_type in duckdb.h, API 1.5.6).</summary>
public enum DuckDBStatementType
{
    Invalid = 0,
    Select = 1,
    Insert = 2,
    Update = 3,
    Explain = 4,
    Delete = 5,
    Prepare = 6,
    Create = 7,
    Execute = 8,
    Alter = 9,
    Transaction = 10,
    Copy = 11,
    Analyze = 12,
    VariableSet = 13,
    CreateFunction = 14,
    Drop = 15,
    Export = 16,
    Pragma = 17,
    Vacuum = 18,
    Call = 19,
    Set = 20,
    Load = 21,
    Relation = 22,
    Extension = 23,
    LogicalPlan = 24,
    Attach = 25,
    Detach = 26,
    Multi = 27,
    CopyDatabase = 28,
    UpdateExtensions = 29,
    MergeInto = 30,
}

using System.Data.Common;

namespace OpenData.DuckDB;

/// <summary>An error reported by DuckDB: its message and its category.</summary>
public sealed class DuckDBException : DbException
{
    /// <summary>Creates the exception from DuckDB's message and error type.</summary>
    public DuckDBException(string message, DuckDBErrorType errorType) : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>DuckDB's category of the error (parser, binder, conversion, constraint, …).</summary>
    public DuckDBErrorType ErrorType { get; }
}

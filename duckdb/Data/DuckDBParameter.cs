using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace OpenData.DuckDB;

/// <summary>
/// A parameter of a <see cref="DuckDBCommand"/>. Named parameters match <c>$name</c> in the SQL (a leading
/// <c>$</c>, <c>@</c> or <c>:</c> in <see cref="ParameterName"/> is ignored); unnamed ones match <c>?</c> or
/// <c>$1</c>, <c>$2</c>, … by position. The DuckDB type follows from the .NET type of <see cref="Value"/>.
/// </summary>
public sealed class DuckDBParameter : DbParameter
{
    private string _name = "";

    /// <summary>An unnamed parameter without a value.</summary>
    public DuckDBParameter()
    {
    }

    /// <summary>An unnamed (positional) parameter.</summary>
    public DuckDBParameter(object? value)
    {
        Value = value;
    }

    /// <summary>A named parameter.</summary>
    public DuckDBParameter(string name, object? value)
    {
        ParameterName = name;
        Value = value;
    }

    /// <inheritdoc />
    public override DbType DbType { get; set; } = DbType.Object;

    /// <inheritdoc />
    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input)
            {
                throw new NotSupportedException("DuckDB parameters are input parameters only.");
            }
        }
    }

    /// <inheritdoc />
    public override bool IsNullable { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? "";
    }

    /// <inheritdoc />
    public override int Size { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string SourceColumn { get; set; } = "";

    /// <inheritdoc />
    public override bool SourceColumnNullMapping { get; set; }

    /// <inheritdoc />
    public override object? Value { get; set; }

    /// <inheritdoc />
    public override void ResetDbType() => DbType = DbType.Object;

    internal string NormalizedName => _name.TrimStart('$', '@', ':');
}

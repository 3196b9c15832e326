using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;

namespace OpenData.DuckDB;

public sealed partial class DuckDBDataReader : IDbColumnSchemaGenerator
{
    /// <summary>The current result's columns: name, ordinal, .NET type and DuckDB type name; every column may be NULL.</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema() =>
        Enumerable.Range(0, FieldCount).Select(ordinal => (DbColumn)new DuckDBColumn(this, ordinal)).ToList().AsReadOnly();

    /// <inheritdoc />
    public override DataTable GetSchemaTable()
    {
        var table = new DataTable("SchemaTable");
        var name = table.Columns.Add(SchemaTableColumn.ColumnName, typeof(string));
        var ordinal = table.Columns.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        var size = table.Columns.Add(SchemaTableColumn.ColumnSize, typeof(int));
        var dataType = table.Columns.Add(SchemaTableColumn.DataType, typeof(Type));
        var typeName = table.Columns.Add("DataTypeName", typeof(string));
        var allowNull = table.Columns.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        var isKey = table.Columns.Add(SchemaTableColumn.IsKey, typeof(bool));
        var isUnique = table.Columns.Add(SchemaTableColumn.IsUnique, typeof(bool));
        var isLong = table.Columns.Add(SchemaTableColumn.IsLong, typeof(bool));
        var isReadOnly = table.Columns.Add(SchemaTableOptionalColumn.IsReadOnly, typeof(bool));
        foreach (var column in GetColumnSchema())
        {
            var row = table.NewRow();
            row[name] = column.ColumnName;
            row[ordinal] = column.ColumnOrdinal;
            row[size] = -1;
            row[dataType] = column.DataType;
            row[typeName] = column.DataTypeName;
            row[allowNull] = true;
            row[isKey] = false;
            row[isUnique] = false;
            row[isLong] = false;
            row[isReadOnly] = true;
            table.Rows.Add(row);
        }

        return table;
    }

    private sealed class DuckDBColumn : DbColumn
    {
        public DuckDBColumn(DuckDBDataReader reader, int ordinal)
        {
            ColumnName = reader.GetName(ordinal);
            ColumnOrdinal = ordinal;
            DataType = reader.GetFieldType(ordinal);
            DataTypeName = reader.GetDataTypeName(ordinal);
            AllowDBNull = true;
            IsReadOnly = true;
        }
    }
}

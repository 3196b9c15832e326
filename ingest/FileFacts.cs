using OpenData.Catalog;

namespace OpenData.Ingest;

/// <summary>What is known about an upload before its rows are read: its name, checksum and encoding.</summary>
internal sealed record FileFacts(string FileName, string Sha256, string Encoding)
{
    public ImportResult Result(
        (string Table, long Rows, List<SchemaColumn> Columns, List<ImportReject> Rejects, long RejectedRows) built, ImportFormat format) =>
        new()
        {
            TableName = built.Table,
            SourceSql = $"SELECT * FROM {built.Table}",
            Rows = built.Rows,
            Columns = built.Columns,
            Rejects = built.Rejects,
            RejectedRows = built.RejectedRows,
            Sha256 = Sha256,
            Format = format,
            Encoding = Encoding,
        };

    public ImportResult Unchecked(string select, List<SchemaColumn> columns, ImportFormat format) =>
        new()
        {
            Unchecked = true,
            SourceSql = select,
            Rows = null,
            Columns = columns,
            Rejects = [],
            RejectedRows = 0,
            Sha256 = Sha256,
            Format = format,
            Encoding = Encoding,
        };
}

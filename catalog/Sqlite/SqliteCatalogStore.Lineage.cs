using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore
{
    // Every edge between datasets connected to $dataset_id through derived versions, upstream (what it was made
    // from, recursively) and downstream (what was made from it, recursively).
    private const string LineageSql = """
        WITH RECURSIVE
            edges (input_id, input_version, output_id, output_version, pipeline) AS (
                SELECT vi.input_dataset_id, vi.input_version, v.dataset_id, v.number, vi.pipeline
                FROM version_inputs vi JOIN versions v ON v.id = vi.version_id
            ),
            upstream (id) AS (
                SELECT $dataset_id UNION SELECT e.input_id FROM edges e JOIN upstream u ON e.output_id = u.id
            ),
            downstream (id) AS (
                SELECT $dataset_id UNION SELECT e.output_id FROM edges e JOIN downstream d ON e.input_id = d.id
            )
        SELECT idep.slug, i.slug, e.input_version, odep.slug, o.slug, e.output_version, e.pipeline
        FROM edges e
        JOIN datasets i ON i.id = e.input_id JOIN departments idep ON idep.id = i.department_id
        JOIN datasets o ON o.id = e.output_id JOIN departments odep ON odep.id = o.department_id
        WHERE e.output_id IN (SELECT id FROM upstream) OR e.input_id IN (SELECT id FROM downstream)
        ORDER BY odep.slug, o.slug, e.output_version, idep.slug, i.slug;
        """;

    public Task<IReadOnlyList<LineageEdge>> ListLineageAsync(
        string department, string dataset, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<LineageEdge>>(async (connection, transaction) =>
        {
            var (datasetId, _) = await FindDatasetAsync(connection, transaction, department, dataset, cancellationToken);
            await using var command = connection.Command(transaction, LineageSql, ("$dataset_id", datasetId));
            return await command.ListAsync(
                r => new LineageEdge(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetString(6)),
                cancellationToken);
        }, cancellationToken);

    /// <summary>Records the input snapshots of a derived version, in the version's own transaction.</summary>
    private static async Task RecordDerivationAsync(
        SqliteConnection connection, SqliteTransaction transaction, long versionId, VersionCommit commit,
        CancellationToken cancellationToken)
    {
        if (commit.Derivation is not { } derivation)
        {
            return;
        }
        CatalogRules.CheckSlug(derivation.Pipeline, "pipeline");
        foreach (var input in derivation.Inputs)
        {
            var (inputId, _) = await FindDatasetAsync(connection, transaction, input.Department, input.Dataset, cancellationToken);
            await connection.ExecuteAsync(
                transaction,
                """
                INSERT INTO version_inputs (version_id, input_dataset_id, input_version, pipeline)
                VALUES ($version_id, $input_id, $input_version, $pipeline);
                """,
                cancellationToken,
                ("$version_id", versionId), ("$input_id", inputId), ("$input_version", input.Version), ("$pipeline", derivation.Pipeline));
        }
    }
}

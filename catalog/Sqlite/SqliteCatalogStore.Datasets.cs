using System.Text;
using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore
{
    private const string SelectDataset = """
        SELECT dep.slug, d.slug, d.title, d.description, d.keywords, d.theme, d.licence, d.access,
               d.update_frequency, d.personal_columns, d.primary_key, d.partition_columns, d.sort_columns,
               d.contract, d.current_version, d.created_at, d.updated_at, c.checks
        FROM datasets d JOIN departments dep ON dep.id = d.department_id
        LEFT JOIN dataset_checks c ON c.dataset_id = d.id
        """;

    // Title counts most, then keywords, then description.
    private const string SearchRank = "bm25(dataset_search, 10.0, 1.0, 5.0)";

    public Task<Dataset> CreateDatasetAsync(Dataset dataset, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckDataset(dataset);
        return WriteAsync(async (connection, transaction) =>
        {
            var departmentId = await FindDepartmentIdAsync(connection, transaction, dataset.Department, cancellationToken);
            var now = SqliteValues.Time(_time.GetUtcNow());
            long id;
            try
            {
                id = await connection.ScalarInt64Async(
                    transaction,
                    """
                    INSERT INTO datasets (department_id, slug, title, description, keywords, theme, licence, access,
                        update_frequency, personal_columns, primary_key, partition_columns, sort_columns, contract,
                        created_at, updated_at)
                    VALUES ($department_id, $slug, $title, $description, $keywords, $theme, $licence, $access,
                        $update_frequency, $personal_columns, $primary_key, $partition_columns, $sort_columns, $contract,
                        $now, $now)
                    RETURNING id;
                    """,
                    cancellationToken,
                    [("$department_id", departmentId), ("$slug", dataset.Slug), ("$now", now), .. MetadataParameters(dataset)]);
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                throw new CatalogException(
                    CatalogErrorKind.AlreadyExists, $"Dataset '{dataset.Department}/{dataset.Slug}' already exists.", e);
            }
            await IndexForSearchAsync(connection, transaction, id, dataset, cancellationToken);
            await WriteChecksAsync(connection, transaction, id, dataset, cancellationToken);
            return await ReadDatasetAsync(connection, transaction, id, cancellationToken);
        }, cancellationToken);
    }

    public Task<Dataset> UpdateDatasetAsync(Dataset dataset, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckDataset(dataset);
        return WriteAsync(async (connection, transaction) =>
        {
            var (id, _) = await FindDatasetAsync(connection, transaction, dataset.Department, dataset.Slug, cancellationToken);
            await connection.ExecuteAsync(
                transaction,
                """
                UPDATE datasets SET title = $title, description = $description, keywords = $keywords, theme = $theme,
                    licence = $licence, access = $access, update_frequency = $update_frequency,
                    personal_columns = $personal_columns, primary_key = $primary_key,
                    partition_columns = $partition_columns, sort_columns = $sort_columns, contract = $contract,
                    updated_at = $now
                WHERE id = $id;
                """,
                cancellationToken,
                [("$id", id), ("$now", SqliteValues.Time(_time.GetUtcNow())), .. MetadataParameters(dataset)]);
            await IndexForSearchAsync(connection, transaction, id, dataset, cancellationToken);
            await WriteChecksAsync(connection, transaction, id, dataset, cancellationToken);
            return await ReadDatasetAsync(connection, transaction, id, cancellationToken);
        }, cancellationToken);
    }

    public Task<Dataset?> GetDatasetAsync(string department, string slug, CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                transaction, $"{SelectDataset} WHERE dep.slug = $department AND d.slug = $slug;",
                ("$department", department), ("$slug", slug));
            var rows = await command.ListAsync(ReadDataset, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    public async Task<IReadOnlyList<Dataset>> ListDatasetsAsync(string? department = null, CancellationToken cancellationToken = default)
    {
        if (department is not null)
        {
            return await SearchDatasetsAsync(new DatasetQuery { Department = department, Limit = int.MaxValue }, cancellationToken);
        }
        // The whole catalog is what the query engine, the portal and the CKAN and DCAT feeds read on most requests:
        // kept until a write moves Changes (read before the catalog is, so a write during the read is read again).
        var changes = Changes;
        if (_allDatasets is { } kept && kept.Changes == changes)
        {
            return kept.Datasets;
        }
        var datasets = await SearchDatasetsAsync(new DatasetQuery { Limit = int.MaxValue }, cancellationToken);
        _allDatasets = new AllDatasets(changes, datasets);
        return datasets;
    }

    private sealed record AllDatasets(long Changes, IReadOnlyList<Dataset> Datasets);

    public Task<IReadOnlyList<Dataset>> SearchDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken = default)
    {
        var match = FtsText.ToMatchQuery(query.Text);
        var sql = new StringBuilder(SelectDataset);
        var parameters = new List<(string, object?)>();
        if (match is not null)
        {
            sql.Append(" JOIN dataset_search ON dataset_search.rowid = d.id AND dataset_search MATCH $match");
            parameters.Add(("$match", match));
        }
        sql.Append(" WHERE 1 = 1");
        if (query.Department is not null)
        {
            sql.Append(" AND dep.slug = $department");
            parameters.Add(("$department", query.Department));
        }
        for (var i = 0; i < query.Keywords.Count; i++)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM json_each(d.keywords) k WHERE k.value = $keyword{i} COLLATE NOCASE)");
            parameters.Add(($"$keyword{i}", query.Keywords[i]));
        }
        if (query.AccessLevels is not null)
        {
            sql.Append(" AND (d.access IN (SELECT value FROM json_each($access)) OR dep.slug IS $owner");
            sql.Append(" OR dep.slug || '/' || d.slug IN (SELECT value FROM json_each($granted)))");
            parameters.Add(("$access", SqliteValues.Json(query.AccessLevels.Select(level => SqliteValues.Text(level)).ToList())));
            parameters.Add(("$owner", query.OwnerDepartment));
            parameters.Add(("$granted", SqliteValues.Json(query.GrantedDatasets)));
        }
        sql.Append(match is null ? " ORDER BY dep.slug, d.slug" : $" ORDER BY {SearchRank}, dep.slug, d.slug");
        sql.Append(" LIMIT $limit OFFSET $offset;");
        parameters.Add(("$limit", Math.Max(0, query.Limit)));
        parameters.Add(("$offset", Math.Max(0, query.Offset)));

        return ReadAsync<IReadOnlyList<Dataset>>(async (connection, transaction) =>
        {
            await using var command = connection.Command(transaction, sql.ToString(), [.. parameters]);
            return await command.ListAsync(ReadDataset, cancellationToken);
        }, cancellationToken);
    }

    private static async Task<long> FindDepartmentIdAsync(
        SqliteConnection connection, SqliteTransaction transaction, string department, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            transaction, "SELECT id FROM departments WHERE slug = $slug;", ("$slug", department));
        return await command.ExecuteScalarAsync(cancellationToken) is long id
            ? id
            : throw CatalogException.DepartmentNotFound(department);
    }

    /// <summary>The dataset's row id and current version; NotFound when it does not exist.</summary>
    private static async Task<(long Id, int? CurrentVersion)> FindDatasetAsync(
        SqliteConnection connection, SqliteTransaction transaction, string department, string slug,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            transaction,
            """
            SELECT d.id, d.current_version FROM datasets d JOIN departments dep ON dep.id = d.department_id
            WHERE dep.slug = $department AND d.slug = $slug;
            """,
            ("$department", department), ("$slug", slug));
        var rows = await command.ListAsync(r => (r.GetInt64(0), r.ReadInt32OrNull(1)), cancellationToken);
        return rows.Count == 0 ? throw CatalogException.DatasetNotFound(department, slug) : rows[0];
    }

    private static async Task<Dataset> ReadDatasetAsync(
        SqliteConnection connection, SqliteTransaction transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, $"{SelectDataset} WHERE d.id = $id;", ("$id", id));
        return (await command.ListAsync(ReadDataset, cancellationToken))[0];
    }

    private static Task IndexForSearchAsync(
        SqliteConnection connection, SqliteTransaction transaction, long id, Dataset dataset,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            transaction,
            """
            DELETE FROM dataset_search WHERE rowid = $id;
            INSERT INTO dataset_search (rowid, title, description, keywords) VALUES ($id, $title, $description, $keywords);
            """,
            cancellationToken,
            ("$id", id),
            ("$title", FtsText.ForIndex(dataset.Title)),
            ("$description", FtsText.ForIndex(dataset.Description ?? "")),
            ("$keywords", FtsText.ForIndex(string.Join(" , ", dataset.Keywords))));

    private static Task WriteChecksAsync(
        SqliteConnection connection, SqliteTransaction transaction, long id, Dataset dataset, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            transaction,
            dataset.Checks.Count == 0
                ? "DELETE FROM dataset_checks WHERE dataset_id = $id;"
                : "INSERT INTO dataset_checks (dataset_id, checks) VALUES ($id, $checks) ON CONFLICT (dataset_id) DO UPDATE SET checks = excluded.checks;",
            cancellationToken,
            ("$id", id), ("$checks", SqliteValues.JsonObject(dataset.Checks)));

    /// <summary>The columns that create and update both write.</summary>
    private static (string, object?)[] MetadataParameters(Dataset dataset) =>
    [
        ("$title", dataset.Title),
        ("$description", dataset.Description ?? ""),
        ("$keywords", SqliteValues.Json(dataset.Keywords)),
        ("$theme", dataset.Theme),
        ("$licence", dataset.Licence),
        ("$access", SqliteValues.Text(dataset.Access)),
        ("$update_frequency", dataset.UpdateFrequency),
        ("$personal_columns", SqliteValues.Json(dataset.PersonalColumns)),
        ("$primary_key", SqliteValues.Json(dataset.PrimaryKey)),
        ("$partition_columns", SqliteValues.Json(dataset.PartitionColumns)),
        ("$sort_columns", SqliteValues.Json(dataset.SortColumns)),
        ("$contract", SqliteValues.Json(dataset.Contract)),
    ];

    private static Dataset ReadDataset(SqliteDataReader reader) => new()
    {
        Department = reader.GetString(0),
        Slug = reader.GetString(1),
        Title = reader.GetString(2),
        Description = reader.GetString(3),
        Keywords = reader.ReadList(4),
        Theme = reader.ReadStringOrNull(5),
        Licence = reader.GetString(6),
        Access = reader.ReadEnum<AccessLevel>(7),
        UpdateFrequency = reader.ReadStringOrNull(8),
        PersonalColumns = reader.ReadList(9),
        PrimaryKey = reader.ReadList(10),
        PartitionColumns = reader.ReadList(11),
        SortColumns = reader.ReadList(12),
        Contract = reader.ReadContract(13),
        CurrentVersion = reader.ReadInt32OrNull(14),
        CreatedAt = reader.ReadTime(15),
        UpdatedAt = reader.ReadTime(16),
        Checks = reader.ReadJsonOrNull<DataCheck[]>(17) ?? [],
    };
}

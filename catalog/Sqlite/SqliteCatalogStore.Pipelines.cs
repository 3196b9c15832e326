using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore : IPipelineStore
{
    private const string SelectPipeline = """
        SELECT p.name, dep.slug, p.sql, p.inputs, p.target, p.mode, p.watermark, p.schedule, p.on_input_change,
               p.checks, p.suppression, p.created_by, p.created_at, p.updated_at
        FROM pipelines p JOIN departments dep ON dep.id = p.department_id
        """;

    private const string SelectRun = """
        SELECT r.id, p.name, r.trigger, r.attempt, r.status, r.started_at, r.ended_at, r.rows, r.inputs,
               r.output_version, r.error, r.failed_check
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id
        """;

    public Task<Pipeline> CreatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckPipeline(pipeline);
        return WriteAsync(async (connection, transaction) =>
        {
            var departmentId = await FindDepartmentIdAsync(connection, transaction, pipeline.Department, cancellationToken);
            var now = SqliteValues.Time(_time.GetUtcNow());
            try
            {
                await connection.ExecuteAsync(
                    transaction,
                    """
                    INSERT INTO pipelines (name, department_id, sql, inputs, target, mode, watermark, schedule,
                        on_input_change, checks, suppression, created_by, created_at, updated_at)
                    VALUES ($name, $department_id, $sql, $inputs, $target, $mode, $watermark, $schedule,
                        $on_input_change, $checks, $suppression, $created_by, $now, $now);
                    """,
                    cancellationToken,
                    [("$name", pipeline.Name), ("$department_id", departmentId), ("$created_by", pipeline.CreatedBy),
                     ("$now", now), .. DefinitionParameters(pipeline)]);
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                throw new CatalogException(CatalogErrorKind.AlreadyExists, $"Pipeline '{pipeline.Name}' already exists.", e);
            }
            return await ReadPipelineAsync(connection, transaction, pipeline.Name, cancellationToken);
        }, cancellationToken);
    }

    public Task<Pipeline> UpdatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckPipeline(pipeline);
        return WriteAsync(async (connection, transaction) =>
        {
            var existing = await ReadPipelineAsync(connection, transaction, pipeline.Name, cancellationToken);
            if (existing.Department != pipeline.Department)
            {
                throw CatalogException.Invalid($"Pipeline '{pipeline.Name}' belongs to department '{existing.Department}'; that cannot change.");
            }
            await connection.ExecuteAsync(
                transaction,
                """
                UPDATE pipelines SET sql = $sql, inputs = $inputs, target = $target, mode = $mode, watermark = $watermark,
                    schedule = $schedule, on_input_change = $on_input_change, checks = $checks,
                    suppression = $suppression, updated_at = $now
                WHERE name = $name;
                """,
                cancellationToken,
                [("$name", pipeline.Name), ("$now", SqliteValues.Time(_time.GetUtcNow())), .. DefinitionParameters(pipeline)]);
            return await ReadPipelineAsync(connection, transaction, pipeline.Name, cancellationToken);
        }, cancellationToken);
    }

    public Task<Pipeline?> GetPipelineAsync(string name, CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(transaction, $"{SelectPipeline} WHERE p.name = $name;", ("$name", name));
            var rows = await command.ListAsync(ReadPipeline, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    public Task<IReadOnlyList<Pipeline>> ListPipelinesAsync(string? department = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Pipeline>>(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                transaction, $"{SelectPipeline} WHERE $department IS NULL OR dep.slug = $department ORDER BY p.name;",
                ("$department", department));
            return await command.ListAsync(ReadPipeline, cancellationToken);
        }, cancellationToken);

    public Task DeletePipelineAsync(string name, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(
                transaction, "DELETE FROM pipelines WHERE name = $name;", cancellationToken, ("$name", name));
            return deleted == 0 ? throw PipelineNotFound(name) : deleted;
        }, cancellationToken);

    public Task<PipelineRun> StartRunAsync(PipelineRun run, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckRun(run);
        return WriteAsync(async (connection, transaction) =>
        {
            var id = await connection.ScalarInt64Async(
                transaction,
                """
                INSERT INTO pipeline_runs (pipeline_id, trigger, attempt, status, started_at, inputs)
                SELECT id, $trigger, $attempt, $status, $started_at, $inputs FROM pipelines WHERE name = $name
                RETURNING id;
                """,
                cancellationToken,
                ("$name", run.Pipeline), ("$trigger", SqliteValues.Text(run.Trigger)), ("$attempt", run.Attempt),
                ("$status", SqliteValues.Text(run.Status)), ("$started_at", SqliteValues.Time(run.StartedAt)),
                ("$inputs", SqliteValues.JsonObject(run.Inputs)));
            return id == 0 ? throw PipelineNotFound(run.Pipeline) : await ReadRunAsync(connection, transaction, id, cancellationToken);
        }, cancellationToken);
    }

    public Task<PipelineRun> FinishRunAsync(PipelineRun run, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckRun(run);
        return WriteAsync(async (connection, transaction) =>
        {
            var updated = await connection.ExecuteAsync(
                transaction,
                """
                UPDATE pipeline_runs SET status = $status, ended_at = $ended_at, rows = $rows, inputs = $inputs,
                    output_version = $output_version, error = $error, failed_check = $failed_check
                WHERE id = $id;
                """,
                cancellationToken,
                ("$id", run.Id), ("$status", SqliteValues.Text(run.Status)),
                ("$ended_at", run.EndedAt is { } ended ? SqliteValues.Time(ended) : null), ("$rows", run.Rows),
                ("$inputs", SqliteValues.JsonObject(run.Inputs)), ("$output_version", run.OutputVersion), ("$error", run.Error),
                ("$failed_check", SqliteValues.JsonObject(run.FailedCheck)));
            return updated == 0
                ? throw new CatalogException(CatalogErrorKind.NotFound, $"Run {run.Id} does not exist.")
                : await ReadRunAsync(connection, transaction, run.Id, cancellationToken);
        }, cancellationToken);
    }

    public Task<PipelineRun?> GetRunAsync(string pipeline, long id, CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                transaction, $"{SelectRun} WHERE r.id = $id AND p.name = $name;", ("$id", id), ("$name", pipeline));
            var rows = await command.ListAsync(ReadRun, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    public Task<IReadOnlyList<PipelineRun>> ListRunsAsync(string pipeline, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PipelineRun>>(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                transaction, $"{SelectRun} WHERE p.name = $name ORDER BY r.id DESC LIMIT $limit;", ("$name", pipeline), ("$limit", limit));
            return await command.ListAsync(ReadRun, cancellationToken);
        }, cancellationToken);

    public Task<int> FailUnfinishedRunsAsync(string error, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(
                transaction,
                "UPDATE pipeline_runs SET status = 'failed', ended_at = $now, error = $error WHERE status = 'running';",
                cancellationToken,
                ("$now", SqliteValues.Time(_time.GetUtcNow())), ("$error", error)),
            cancellationToken);

    private static (string, object?)[] DefinitionParameters(Pipeline pipeline) =>
    [
        ("$sql", pipeline.Sql), ("$inputs", SqliteValues.Json(pipeline.Inputs)), ("$target", SqliteValues.JsonObject(pipeline.Target)),
        ("$mode", SqliteValues.Text(pipeline.Mode)), ("$watermark", pipeline.WatermarkColumn), ("$schedule", pipeline.Schedule),
        ("$on_input_change", pipeline.OnInputChange), ("$checks", SqliteValues.JsonObject(pipeline.Checks)),
        ("$suppression", SqliteValues.JsonObject(pipeline.Suppression)),
    ];

    private static async Task<Pipeline> ReadPipelineAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, $"{SelectPipeline} WHERE p.name = $name;", ("$name", name));
        var rows = await command.ListAsync(ReadPipeline, cancellationToken);
        return rows.Count == 0 ? throw PipelineNotFound(name) : rows[0];
    }

    private static async Task<PipelineRun> ReadRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, $"{SelectRun} WHERE r.id = $id;", ("$id", id));
        return (await command.ListAsync(ReadRun, cancellationToken))[0];
    }

    private static CatalogException PipelineNotFound(string name) =>
        new(CatalogErrorKind.NotFound, $"Pipeline '{name}' does not exist.");

    private static Pipeline ReadPipeline(SqliteDataReader reader) => new()
    {
        Name = reader.GetString(0),
        Department = reader.GetString(1),
        Sql = reader.GetString(2),
        Inputs = reader.ReadList(3),
        Target = reader.ReadJsonOrNull<PipelineTarget>(4)!,
        Mode = reader.ReadEnum<PipelineWriteMode>(5),
        WatermarkColumn = reader.ReadStringOrNull(6),
        Schedule = reader.ReadStringOrNull(7),
        OnInputChange = reader.GetBoolean(8),
        Checks = reader.ReadJsonOrNull<DataCheck[]>(9) ?? [],
        Suppression = reader.ReadJsonOrNull<Suppression>(10),
        CreatedBy = reader.GetString(11),
        CreatedAt = reader.ReadTime(12),
        UpdatedAt = reader.ReadTime(13),
    };

    private static PipelineRun ReadRun(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Pipeline = reader.GetString(1),
        Trigger = reader.ReadEnum<PipelineTrigger>(2),
        Attempt = reader.GetInt32(3),
        Status = reader.ReadEnum<PipelineRunStatus>(4),
        StartedAt = reader.ReadTime(5),
        EndedAt = reader.ReadTimeOrNull(6),
        Rows = reader.ReadInt64OrNull(7),
        Inputs = reader.ReadJsonOrNull<InputVersion[]>(8) ?? [],
        OutputVersion = reader.ReadInt32OrNull(9),
        Error = reader.ReadStringOrNull(10),
        FailedCheck = reader.ReadJsonOrNull<CheckFailure>(11),
    };
}

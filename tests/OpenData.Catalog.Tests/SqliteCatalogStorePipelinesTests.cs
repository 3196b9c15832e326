namespace OpenData.Catalog.Tests;

/// <summary>Pipelines, runs and lineage in the SQLite catalog.</summary>
public class SqliteCatalogStorePipelinesTests : CatalogStoreTestBase
{
    [Fact]
    public async Task CreatePipelineAsync_stores_the_definition_and_refuses_a_second_with_the_same_name()
    {
        await CreateTicketsAsync();
        var created = await Store.CreatePipelineAsync(Pipeline("daily"));

        var read = await Store.GetPipelineAsync("daily");
        Assert.NotNull(read);
        Assert.Equal("transport", read.Department);
        Assert.Equal(["transport/tickets"], read.Inputs);
        Assert.Equal(PipelineWriteMode.Incremental, read.Mode);
        Assert.Equal("day", read.WatermarkColumn);
        Assert.Equal("0 0 6 * * ?", read.Schedule);
        Assert.Equal(AccessLevel.Public, read.Target.Access);
        Assert.Equal("Tickets per day", read.Target.ColumnDescriptions["tickets"]);
        Assert.Equal(DataCheckKind.AcceptedValues, read.Checks[0].Kind);
        Assert.Equal(["a", "b"], read.Checks[0].Values);
        Assert.Equal(TimeSpan.FromHours(2), read.Checks[1].MaxAge);
        Assert.Equal(["district"], read.Suppression!.Dimensions);
        Assert.Equal(created.CreatedAt, read.CreatedAt);

        var error = await Assert.ThrowsAsync<CatalogException>(() => Store.CreatePipelineAsync(Pipeline("daily")));
        Assert.Equal(CatalogErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task UpdatePipelineAsync_replaces_the_definition_but_not_the_department()
    {
        await CreateTicketsAsync();
        await Store.CreateDepartmentAsync(new Department("health", "Health", "data@health.example"));
        await Store.CreatePipelineAsync(Pipeline("daily"));

        var updated = await Store.UpdatePipelineAsync(Pipeline("daily") with { Sql = "SELECT 2", Schedule = null, Suppression = null });

        Assert.Equal("SELECT 2", updated.Sql);
        Assert.Null(updated.Schedule);
        Assert.Null(updated.Suppression);
        var moved = await Assert.ThrowsAsync<CatalogException>(() => Store.UpdatePipelineAsync(Pipeline("daily") with { Department = "health" }));
        Assert.Equal(CatalogErrorKind.InvalidValue, moved.Kind);
        var missing = await Assert.ThrowsAsync<CatalogException>(() => Store.UpdatePipelineAsync(Pipeline("other")));
        Assert.Equal(CatalogErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Runs_are_recorded_listed_newest_first_and_deleted_with_their_pipeline()
    {
        await CreateTicketsAsync();
        await Store.CreatePipelineAsync(Pipeline("daily"));
        var first = await Store.StartRunAsync(new PipelineRun { Pipeline = "daily", Trigger = PipelineTrigger.Schedule, StartedAt = Clock.GetUtcNow(), Inputs = [new("transport", "tickets", 3)] });
        var failure = new CheckFailure("not_null(day)", "1 row(s) break the check", ["day"], [[null]]);
        await Store.FinishRunAsync(first with { Status = PipelineRunStatus.Failed, EndedAt = Clock.GetUtcNow(), Error = "boom", FailedCheck = failure });
        var second = await Store.StartRunAsync(new PipelineRun { Pipeline = "daily", Trigger = PipelineTrigger.InputChange, Attempt = 2, StartedAt = Clock.GetUtcNow() });

        var runs = await Store.ListRunsAsync("daily", 10);

        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
        Assert.Equal(PipelineRunStatus.Running, runs[0].Status);
        Assert.Equal(PipelineTrigger.InputChange, runs[0].Trigger);
        var read = await Store.GetRunAsync("daily", first.Id);
        Assert.Equal(PipelineRunStatus.Failed, read!.Status);
        Assert.Equal([new InputVersion("transport", "tickets", 3)], read.Inputs);
        Assert.Equal("not_null(day)", read.FailedCheck!.Check);
        Assert.Equal([null], read.FailedCheck.Rows[0]);

        Assert.Equal(1, await Store.FailUnfinishedRunsAsync("stopped"));
        Assert.Equal("stopped", (await Store.GetRunAsync("daily", second.Id))!.Error);

        await Store.DeletePipelineAsync("daily");
        Assert.Null(await Store.GetRunAsync("daily", first.Id));
        Assert.Empty(await Store.ListPipelinesAsync());
    }

    [Fact]
    public async Task CommitVersionAsync_records_the_input_versions_of_a_derived_version_as_lineage_both_ways()
    {
        await CreateTicketsAsync();
        await Store.CommitVersionAsync(Commit("a"), null);
        await Store.CommitVersionAsync(Commit("b"), 1);
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "daily", Title = "Daily" });
        await Store.CreateDatasetAsync(new Dataset { Department = "transport", Slug = "monthly", Title = "Monthly" });
        await Store.CommitVersionAsync(Derived("daily", "d1", new VersionDerivation("p-daily", [new("transport", "tickets", 2)])), null);
        await Store.CommitVersionAsync(Derived("monthly", "m1", new VersionDerivation("p-monthly", [new("transport", "daily", 1)])), null);

        var fromMiddle = await Store.ListLineageAsync("transport", "daily");

        Assert.Equal(
            [
                new LineageEdge("transport", "tickets", 2, "transport", "daily", 1, "p-daily"),
                new LineageEdge("transport", "daily", 1, "transport", "monthly", 1, "p-monthly"),
            ],
            fromMiddle);
        Assert.Equal(fromMiddle, await Store.ListLineageAsync("transport", "tickets"));
        Assert.DoesNotContain(await Store.ListLineageAsync("transport", "tickets"), e => e.OutputDataset == "tickets");
    }

    private static VersionCommit Derived(string dataset, string tag, VersionDerivation derivation) => Commit(tag) with
    {
        Dataset = dataset,
        Files = [new VersionFile($"internal/transport/{dataset}/{tag}/part-0.parquet", 10, Sha256(tag))],
        Source = null,
        Derivation = derivation,
    };

    private static Pipeline Pipeline(string name) => new()
    {
        Name = name,
        Department = "transport",
        Sql = "SELECT CAST(issued_at AS DATE) AS day, count(*) AS tickets FROM transport.tickets GROUP BY ALL",
        Inputs = ["transport/tickets"],
        Target = new PipelineTarget
        {
            Dataset = "tickets-per-day",
            Access = AccessLevel.Public,
            ColumnDescriptions = new Dictionary<string, string> { ["tickets"] = "Tickets per day" },
        },
        Mode = PipelineWriteMode.Incremental,
        WatermarkColumn = "day",
        Schedule = "0 0 6 * * ?",
        Checks =
        [
            new DataCheck { Kind = DataCheckKind.AcceptedValues, Column = "district", Values = ["a", "b"] },
            new DataCheck { Kind = DataCheckKind.Freshness, Column = "day", MaxAge = TimeSpan.FromHours(2) },
        ],
        Suppression = new Suppression { CountColumn = "tickets", Dimensions = ["district"] },
        CreatedBy = "tests",
    };
}

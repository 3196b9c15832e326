using OpenData.Catalog;
using OpenData.DuckDB;

namespace OpenData.Pipelines;

/// <summary>
/// The target dataset of a pipeline: created on the first run with the pipeline's metadata, and its contract kept to
/// the result's columns, with the pipeline's column descriptions. Result columns named as personal in an input stay
/// personal in the target, so they never reach its public projection.
/// </summary>
internal static class PipelineTargets
{
    public static async Task EnsureAsync(
        ICatalogStore catalog, DuckDBConnection connection, Pipeline pipeline, Dataset? target, string resultPath,
        CancellationToken cancellationToken)
    {
        var described = pipeline.Target.ColumnDescriptions;
        var contract = new List<ContractColumn>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"DESCRIBE SELECT * FROM {PipelineSqlText.ReadParquet(resultPath)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                contract.Add(new ContractColumn(name, reader.GetString(1), Description: described.GetValueOrDefault(name)));
            }
        }

        if (target is null)
        {
            var personal = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var input in pipeline.Inputs.Select(DatasetName.Parse))
            {
                personal.UnionWith((await catalog.GetDatasetAsync(input.Department, input.Dataset, cancellationToken))?.PersonalColumns ?? []);
            }
            await catalog.CreateDatasetAsync(new Dataset
            {
                Department = pipeline.Department,
                Slug = pipeline.Target.Dataset,
                Title = pipeline.Target.Title ?? pipeline.Target.Dataset,
                Description = pipeline.Target.Description,
                Licence = pipeline.Target.Licence,
                Access = pipeline.Target.Access,
                Keywords = ["pipeline"],
                PersonalColumns = contract.Select(c => c.Name).Where(personal.Contains).ToList(),
                Contract = contract,
            }, cancellationToken);
        }
        else if (target.Contract is null || !target.Contract.SequenceEqual(contract))
        {
            await catalog.UpdateDatasetAsync(target with { Contract = contract }, cancellationToken);
        }
    }
}

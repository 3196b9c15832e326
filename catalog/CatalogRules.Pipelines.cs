namespace OpenData.Catalog;

internal static partial class CatalogRules
{
    public static void CheckPipeline(Pipeline pipeline)
    {
        CheckSlug(pipeline.Name, "pipeline");
        CheckSlug(pipeline.Department, "department");
        CheckSlug(pipeline.Target.Dataset, "target dataset");
        CheckText(pipeline.Sql, "pipeline SQL");
        CheckText(pipeline.Target.Licence, "licence");
        if (!Enum.IsDefined(pipeline.Mode) || !Enum.IsDefined(pipeline.Target.Access))
        {
            throw CatalogException.Invalid("Unknown write mode or access level.");
        }
        if ((pipeline.Mode == PipelineWriteMode.Incremental) != !string.IsNullOrWhiteSpace(pipeline.WatermarkColumn))
        {
            throw CatalogException.Invalid("A watermark column is required for the incremental mode, and only there.");
        }
        if (pipeline.Suppression is { } suppression && (string.IsNullOrWhiteSpace(suppression.CountColumn) || suppression.Threshold is < 1))
        {
            throw CatalogException.Invalid("Suppression needs a count column and a threshold of at least 1.");
        }
    }

    public static void CheckRun(PipelineRun run)
    {
        CheckSlug(run.Pipeline, "pipeline");
        if (!Enum.IsDefined(run.Trigger) || !Enum.IsDefined(run.Status) || run.Attempt < 1)
        {
            throw CatalogException.Invalid("Unknown trigger or status, or an attempt below 1.");
        }
    }
}

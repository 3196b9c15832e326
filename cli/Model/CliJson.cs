using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenData.Cli;

/// <summary>The server's JSON answers, read with source-generated code so the tool starts without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(UploadAnswer))]
[JsonSerializable(typeof(DatasetPage))]
[JsonSerializable(typeof(DatasetDetails))]
[JsonSerializable(typeof(PipelineRun))]
[JsonSerializable(typeof(SqlRequest))]
public sealed partial class CliJson : JsonSerializerContext;

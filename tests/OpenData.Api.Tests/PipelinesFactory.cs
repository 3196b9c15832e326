namespace OpenData.Api.Tests;

/// <summary>The host with quick pipeline triggers: input changes polled twice a second, one retry after 100 ms.</summary>
public sealed class PipelinesFactory : IDisposable
{
    public OpenDataApiFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Pipelines:InputPollInterval"] = "00:00:00.5",
            ["Pipelines:RetryDelay"] = "00:00:00.1",
            ["Pipelines:MaxRetries"] = "1",
        },
    };

    public void Dispose() => Factory.Dispose();
}

namespace OpenData.Api.Tests;

/// <summary>
/// A long stress test, skipped unless OPENDATA_STRESS is set (to anything), so that the default suite stays short:
/// <c>OPENDATA_STRESS=1 dotnet test tests/OpenData.Api.Tests --filter Category=Stress</c>.
/// </summary>
public sealed class StressFactAttribute : FactAttribute
{
    public const string Variable = "OPENDATA_STRESS";

    public StressFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"A stress test: set {Variable}=1 to run it.";
        }
    }
}

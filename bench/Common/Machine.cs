using System.Runtime.InteropServices;

namespace OpenData.Bench;

/// <summary>What the figures were measured on, for the header of a benchmark's output.</summary>
public static class Machine
{
    public static string Description => $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}";

    /// <summary>1, 5 and 15 minutes: on a shared machine, how busy it was besides this benchmark.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

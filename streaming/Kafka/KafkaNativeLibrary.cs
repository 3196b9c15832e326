using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace OpenData.Streaming.Kafka;

/// <summary>
/// Finds librdkafka for Confluent.Kafka. Confluent asks for <c>librdkafka</c> (its own native package, missing
/// from the registry); Debian's librdkafka1 ships <c>librdkafka.so.1</c>, so a resolving handler hands that one
/// over. (Confluent's <c>Library.Load</c> cannot be used: it needs <c>libdl.so</c>, which Debian only ships as
/// <c>libdl.so.2</c>.)
/// </summary>
public static class KafkaNativeLibrary
{
    public const string FileName = "librdkafka.so.1";

    public const string InstallHint =
        "Install Debian's librdkafka1 (apt-get install librdkafka1), or set OPENDATA_LIBRDKAFKA to the path of librdkafka.so.1.";

    private static readonly Lazy<(IntPtr Handle, string? Error)> Loaded = new(Load);

    /// <summary>Whether librdkafka could be loaded; false with <see cref="Error"/> saying why and how to fix it.</summary>
    public static bool IsAvailable => Loaded.Value.Handle != IntPtr.Zero;

    public static string? Error => Loaded.Value.Error;

    /// <summary>librdkafka's version, such as 2.0.2, or null when it is not available.</summary>
    public static string? Version => IsAvailable ? Marshal.PtrToStringUTF8(MockClusterMethods.VersionString()) : null;

    /// <summary>Loads librdkafka once and registers the handler; throws <see cref="DllNotFoundException"/> with the
    /// install hint when it is missing.</summary>
    public static void EnsureLoaded()
    {
        if (!IsAvailable)
        {
            throw new DllNotFoundException(Error);
        }
    }

    private static (IntPtr, string?) Load()
    {
        var path = Environment.GetEnvironmentVariable("OPENDATA_LIBRDKAFKA") is { Length: > 0 } configured ? configured : FileName;
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            return (IntPtr.Zero, $"librdkafka ({path}) could not be loaded. {InstallHint}");
        }
        // Both Confluent's "librdkafka" and our own imports of librdkafka.so.1 resolve to the one loaded here.
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (Assembly _, string name) =>
            name.StartsWith("librdkafka", StringComparison.Ordinal) ? handle : IntPtr.Zero;
        NativeLibrary.SetDllImportResolver(typeof(KafkaNativeLibrary).Assembly, (name, _, _) =>
            name == FileName ? handle : IntPtr.Zero);
        return (handle, null);
    }
}

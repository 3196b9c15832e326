using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>
/// Validates documents against our rendering of the DCAT-US 1.1 JSON schema (TestData/dcat-us) with ajv, run by node.
/// No JSON-schema validator in the NuGet registry installs here (JsonSchema.Net and NJsonSchema lack dependencies;
/// Newtonsoft.Json.Schema is AGPL with a validation quota), so ajv is installed once with npm into a cache folder
/// beside libduckdb's (.ci/run already installs npm).
/// </summary>
public static class DcatUsValidator
{
    private static readonly string[] Packages = ["ajv@8.20.0", "ajv-draft-04@1.0.0", "ajv-formats@3.0.1"];

    private static readonly Lazy<Task<string>> Modules = new(InstallAsync);

    private static string SchemaFolder => Path.Combine(ProjectFolder(), "TestData", "dcat-us");

    /// <summary>The schema's errors for the document, as ajv reports them; empty when it is valid.</summary>
    /// <param name="schema">catalog.json, or catalog-federal.json for a US federal agency's catalog.</param>
    public static async Task<JsonElement> ErrorsAsync(string schema, string document)
    {
        var modules = await Modules.Value;
        var file = Path.Combine(Path.GetTempPath(), $"dcat-us-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var output = await RunAsync("node", SchemaFolder, Path.Combine(SchemaFolder, "validate.cjs"), modules, schema, file);
            return JsonDocument.Parse(output).RootElement;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> InstallAsync()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var folder = Path.Combine(cache, "opendata", "npm", string.Join("_", Packages).Replace('@', '-'));
        if (!Directory.Exists(folder))
        {
            // Installed beside, then renamed: a run stopped half way, or another test run, never sees half a folder.
            var unfinished = $"{folder}.{Guid.NewGuid():N}.tmp";
            Directory.CreateDirectory(unfinished);
            await RunAsync("npm", unfinished, ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--silent", "--prefix", unfinished, .. Packages]);
            try
            {
                Directory.Move(unfinished, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                Directory.Delete(unfinished, recursive: true);
            }
        }
        return Path.Combine(folder, "node_modules");
    }

    private static async Task<string> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    /// <summary>This test project's source folder, where the compiler saw this file.</summary>
    private static string ProjectFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

using System.Text.Json;
using Microsoft.Playwright;

namespace OpenData.Portal.Tests;

/// <summary>Runs axe-core (fetched from npm at build time, see AxeCore.targets) in a page.</summary>
public static class Axe
{
    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "axe.min.js");

    /// <summary>The WCAG 2.1 A/AA violations of impact serious or critical, one line each: rule, help and where.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
                resultTypes: ["violations"],
              });
              return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
            }
            """);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", violations));
    }
}

namespace OpenData.Api;

/// <summary>Limits on callers without an API key, per client address; section "RateLimits" (environment: RateLimits__AnonymousPermitLimit, …).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>False turns the limit off. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client address may make without a key in each <see cref="AnonymousWindow"/>. Default 120.</summary>
    public int AnonymousPermitLimit { get; set; } = 120;

    /// <summary>The fixed window the permits are counted in. Default one minute.</summary>
    public TimeSpan AnonymousWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests past the limit that wait for the next window instead of a 429 at once. Default 0.</summary>
    public int AnonymousQueueLimit { get; set; }
}

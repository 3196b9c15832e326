using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>
/// A global limit, per client address, on callers without an API key, so every endpoint is covered without opting
/// in; callers with a valid key are not limited. Endpoints marked <c>DisableRateLimiting()</c> (GET /health) are
/// exempt. Refusals are 429 problem details with Retry-After.
/// </summary>
public static class RateLimitExtensions
{
    public static WebApplicationBuilder AddAnonymousRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(options => options.AnonymousPermitLimit > 0, "RateLimits:AnonymousPermitLimit must be positive.")
            .Validate(options => options.AnonymousWindow > TimeSpan.Zero, "RateLimits:AnonymousWindow must be positive.")
            .Validate(options => options.AnonymousQueueLimit >= 0, "RateLimits:AnonymousQueueLimit cannot be negative.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var options = limits.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => RejectAsync(context, options);
            if (options.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            }
        });
        return builder;
    }

    /// <summary>After <see cref="ApiKeyAuthenticationExtensions.UseApiKeys"/>, so that a valid key is known here.</summary>
    public static WebApplication UseAnonymousRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions options) =>
        context.User.Identity?.IsAuthenticated == true
            ? RateLimitPartition.GetNoLimiter("key")
            : RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.AnonymousPermitLimit,
                Window = options.AnonymousWindow,
                QueueLimit = options.AnonymousQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });

    // One IPv6 host usually holds a whole /64: count the prefix, or each address it picks would get its own permits.
    private static string ClientAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions options)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.AnonymousWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.TooManyRequests(
            $"Too many requests without an API key from this address: at most {options.AnonymousPermitLimit} per " +
            $"{options.AnonymousWindow}. Retry after {seconds} s, or send an API key.").ExecuteAsync(context.HttpContext);
    }
}

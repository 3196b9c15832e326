using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OpenData.Api;

/// <summary>Registers the audit log (audit.db in the data folder) and binds <see cref="AuditOptions"/>.</summary>
public static class AuditExtensions
{
    public static WebApplicationBuilder AddAuditLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .Validate(options => options.DefaultPageSize >= 1 && options.DefaultPageSize <= options.MaxPageSize,
                "Audit:DefaultPageSize must be between 1 and Audit:MaxPageSize.")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<AuditOptions>>().Value);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }
}

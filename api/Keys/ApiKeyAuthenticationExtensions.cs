using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpenData.Api;

/// <summary>API keys as bearer tokens: the key store, the admin key bootstrap, authentication and the role policies.</summary>
public static class ApiKeyAuthenticationExtensions
{
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        // One clock for the store and the handler, so expiry is judged as keys were stamped (tests replace it).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddHostedService<AdminKeyBootstrap>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyPolicies.Admin, policy => policy.RequireRole(ApiKeyStore.RoleText(ApiKeyRole.Admin)))
            .AddPolicy(ApiKeyPolicies.Publisher, policy => policy.RequireRole(
                ApiKeyStore.RoleText(ApiKeyRole.Admin), ApiKeyStore.RoleText(ApiKeyRole.Publisher)));
        return builder;
    }

    public static WebApplication UseApiKeys(this WebApplication app)
    {
        app.UseAuthentication();
        // A wrong key is refused even where anonymous callers are welcome: silently serving public data to a
        // caller who meant to use a key would hide the mistake.
        app.Use(async (context, next) =>
        {
            var sentKey = context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.CkanKeyHeader);
            if (sentKey && (await context.AuthenticateAsync()).Failure is not null)
            {
                await context.ChallengeAsync();
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }
}

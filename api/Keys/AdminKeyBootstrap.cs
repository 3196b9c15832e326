namespace OpenData.Api;

/// <summary>
/// On start: makes OpenData:AdminKey the admin key when it is set (lifting a revocation of it); otherwise, when no
/// active admin key exists (none yet, or all revoked or expired), generates one and logs it this once (only its
/// hash is kept, so it can never be shown again).
/// </summary>
public sealed class AdminKeyBootstrap(ApiKeyStore keys, OpenDataOptions options, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    // A fixed id, so a changed OpenData:AdminKey replaces the old configured key instead of adding a second one.
    public const string ConfiguredKeyId = "configured-admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.AdminKey))
        {
            var key = new ApiKey(ConfiguredKeyId, "admin (OpenData:AdminKey)", ApiKeyRole.Admin, null, DateTimeOffset.UtcNow);
            await keys.SaveAsync(key, options.AdminKey.Trim(), cancellationToken);
            logger.LogInformation("The admin key from OpenData:AdminKey is active.");
            return;
        }

        if (await keys.AnyActiveAdminAsync(cancellationToken))
        {
            return;
        }

        var (_, secret) = await keys.CreateAsync("admin (generated)", ApiKeyRole.Admin, null, cancellationToken);
        logger.LogWarning(
            "No OpenData:AdminKey is set, so this admin key was generated. It is shown only now; keep it: {AdminKey}", secret);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

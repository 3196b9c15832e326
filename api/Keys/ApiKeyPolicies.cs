namespace OpenData.Api;

/// <summary>Authorization policies by role. Which department a publisher may write is checked per request by <see cref="Caller.CanWrite"/>.</summary>
public static class ApiKeyPolicies
{
    public const string Admin = "Admin";

    /// <summary>Admins and publishers: those who may write datasets at all.</summary>
    public const string Publisher = "Publisher";
}

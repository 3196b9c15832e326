/// <summary>Makes the host visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;

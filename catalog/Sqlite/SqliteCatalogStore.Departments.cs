using Microsoft.Data.Sqlite;

namespace OpenData.Catalog;

public sealed partial class SqliteCatalogStore
{
    private const string SelectDepartment = "SELECT slug, name, contact FROM departments";

    public Task<Department> CreateDepartmentAsync(Department department, CancellationToken cancellationToken = default)
    {
        CatalogRules.CheckDepartment(department);
        return WriteAsync(async (connection, transaction) =>
        {
            try
            {
                await connection.ExecuteAsync(
                    transaction,
                    "INSERT INTO departments (slug, name, contact) VALUES ($slug, $name, $contact);",
                    cancellationToken,
                    ("$slug", department.Slug), ("$name", department.Name), ("$contact", department.Contact ?? ""));
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                throw new CatalogException(
                    CatalogErrorKind.AlreadyExists, $"Department '{department.Slug}' already exists.", e);
            }
            return department with { Contact = department.Contact ?? "" };
        }, cancellationToken);
    }

    public Task<Department?> GetDepartmentAsync(string slug, CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                transaction, $"{SelectDepartment} WHERE slug = $slug;", ("$slug", slug));
            var rows = await command.ListAsync(ReadDepartment, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    public Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Department>>(async (connection, transaction) =>
        {
            await using var command = connection.Command(transaction, $"{SelectDepartment} ORDER BY slug;");
            return await command.ListAsync(ReadDepartment, cancellationToken);
        }, cancellationToken);

    private static Department ReadDepartment(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2));
}

using Dapper;

namespace OpenData.DuckDB.Tests;

/// <summary>Dapper maps rows and parameters through nothing but the ADO.NET surface.</summary>
public class DapperTests(DuckDBDatabaseFixture db) : IClassFixture<DuckDBDatabaseFixture>
{
    public sealed record Ticket(long TicketId, string District, decimal FineYuan, bool Paid, DateTime IssuedAt, DateTime? PaidAt);

    public sealed class DistrictTotal
    {
        public string District { get; set; } = "";
        public long Tickets { get; set; }
        public decimal Fines { get; set; }
    }

    [Fact]
    public void Query_maps_rows_to_records_with_named_parameters()
    {
        Setup();

        var tickets = db.Connection.Query<Ticket>(
            "SELECT ticket_id AS TicketId, district, fine_yuan AS FineYuan, paid, issued_at AS IssuedAt, paid_at AS PaidAt FROM dapper_tickets WHERE district = $district ORDER BY ticket_id",
            new { district = "Pudong" }).ToList();

        Assert.Equal([1L, 3L], tickets.Select(t => t.TicketId));
        Assert.Equal(200.50m, tickets[0].FineYuan);
        Assert.Null(tickets[1].PaidAt);
        Assert.Equal(new DateTime(2024, 3, 1, 8, 30, 0), tickets[0].IssuedAt);
    }

    [Fact]
    public void Query_maps_aggregates_to_classes()
    {
        Setup();

        var totals = db.Connection.Query<DistrictTotal>(
            "SELECT district, count(*) AS tickets, sum(fine_yuan) AS fines FROM dapper_tickets GROUP BY district ORDER BY district").ToList();

        Assert.Equal(["Huangpu", "Pudong"], totals.Select(t => t.District));
        Assert.Equal(2, totals[1].Tickets);
        Assert.Equal(350.50m, totals[1].Fines);
    }

    [Fact]
    public void Execute_with_a_list_of_parameter_objects_inserts_each()
    {
        db.Connection.Execute("CREATE OR REPLACE TABLE dapper_people (id INT, name VARCHAR)");

        var inserted = db.Connection.Execute("INSERT INTO dapper_people VALUES ($id, $name)",
            new[] { new { id = 1, name = "Ana" }, new { id = 2, name = "李雷" } });

        Assert.Equal(2, inserted);
        Assert.Equal("李雷", db.Connection.ExecuteScalar<string>("SELECT name FROM dapper_people WHERE id = $id", new { id = 2 }));
    }

    [Fact]
    public void QueryMultiple_reads_several_result_sets()
    {
        using var results = db.Connection.QueryMultiple("SELECT 1 AS a; SELECT 'x' AS b UNION ALL SELECT 'y'");

        Assert.Equal(1, results.ReadSingle<int>());
        Assert.Equal(["x", "y"], results.Read<string>());
    }

    private void Setup() => db.Connection.Execute("""
        CREATE OR REPLACE TABLE dapper_tickets AS
        SELECT * FROM (VALUES
          (1::BIGINT, 'Pudong', 200.50::DECIMAL(10,2), true, TIMESTAMP '2024-03-01 08:30:00', TIMESTAMP '2024-03-02 09:00:00'),
          (2, 'Huangpu', 100.00, false, TIMESTAMP '2024-03-01 09:00:00', NULL),
          (3, 'Pudong', 150.00, false, TIMESTAMP '2024-03-03 10:00:00', NULL)
        ) t(ticket_id, district, fine_yuan, paid, issued_at, paid_at)
        """);
}

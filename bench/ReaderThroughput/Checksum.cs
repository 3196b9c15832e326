namespace OpenData.Bench.ReaderThroughput;

/// <summary>
/// What the reader consumed, so that no value can be optimised away and both sides can be checked to hold the
/// same rows: sums of ticket_id, lat, the UTF-16 length of plate and the ticks of issued_at (wrapping).
/// </summary>
internal readonly record struct Checksum(long Rows, long IdSum, double LatSum, long PlateChars, long TicksSum)
{
    /// <summary>Equal, allowing lat's sum to differ in its last digits (the engine adds in another order).</summary>
    public bool Matches(Checksum other) =>
        (Rows, IdSum, PlateChars, TicksSum) == (other.Rows, other.IdSum, other.PlateChars, other.TicksSum)
        && Math.Abs(LatSum - other.LatSum) <= 1e-9 * Math.Max(1, Math.Abs(LatSum));

    public override string ToString() =>
        $"rows {Rows:N0}, sum(ticket_id) {IdSum:N0}, sum(lat) {LatSum:F3}, plate chars {PlateChars:N0}, issued_at ticks (wrapping) {TicksSum}";
}

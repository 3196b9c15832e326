namespace OpenData.Samples;

/// <summary>
/// Where a generator writes one row's values, in the order of its schema, as text in <see cref="SampleCsv"/>'s
/// invariant forms: a CSV line (<see cref="SampleCsv"/>) or a JSON object (<see cref="SampleJson"/>). Null is no value.
/// </summary>
public interface ISampleRow
{
    ISampleRow Field(string? value);

    void EndRow();
}

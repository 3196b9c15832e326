namespace OpenData.Catalog;

/// <summary>Version <see cref="InputVersion"/> of the input went into version <see cref="OutputVersion"/> of the output, by a pipeline.</summary>
public sealed record LineageEdge(
    string InputDepartment, string InputDataset, int InputVersion,
    string OutputDepartment, string OutputDataset, int OutputVersion,
    string Pipeline);

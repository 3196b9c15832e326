using System.Collections;
using System.Data.Common;

namespace OpenData.DuckDB;

/// <summary>The parameters of a <see cref="DuckDBCommand"/>.</summary>
public sealed class DuckDBParameterCollection : DbParameterCollection
{
    private readonly List<DuckDBParameter> _parameters = [];

    /// <inheritdoc />
    public override int Count => _parameters.Count;

    /// <inheritdoc />
    public override object SyncRoot => ((ICollection)_parameters).SyncRoot;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    public new DuckDBParameter this[int index]
    {
        get => _parameters[index];
        set => _parameters[index] = value;
    }

    /// <summary>Adds a named parameter with a value.</summary>
    public DuckDBParameter AddWithValue(string name, object? value) => Add(new DuckDBParameter(name, value));

    /// <summary>Adds a positional parameter.</summary>
    public DuckDBParameter Add(DuckDBParameter parameter)
    {
        _parameters.Add(parameter);
        return parameter;
    }

    /// <inheritdoc />
    public override int Add(object value)
    {
        _parameters.Add(Cast(value));
        return _parameters.Count - 1;
    }

    /// <inheritdoc />
    public override void AddRange(Array values)
    {
        foreach (var value in values)
        {
            Add(value!);
        }
    }

    /// <inheritdoc />
    public override void Clear() => _parameters.Clear();

    /// <inheritdoc />
    public override bool Contains(object value) => value is DuckDBParameter parameter && _parameters.Contains(parameter);

    /// <inheritdoc />
    public override bool Contains(string value) => IndexOf(value) >= 0;

    /// <inheritdoc />
    public override void CopyTo(Array array, int index) => ((ICollection)_parameters).CopyTo(array, index);

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => _parameters.GetEnumerator();

    /// <inheritdoc />
    public override int IndexOf(object value) => value is DuckDBParameter parameter ? _parameters.IndexOf(parameter) : -1;

    /// <inheritdoc />
    public override int IndexOf(string parameterName)
    {
        var name = parameterName.TrimStart('$', '@', ':');
        return _parameters.FindIndex(p => string.Equals(p.NormalizedName, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public override void Insert(int index, object value) => _parameters.Insert(index, Cast(value));

    /// <inheritdoc />
    public override void Remove(object value) => _parameters.Remove(Cast(value));

    /// <inheritdoc />
    public override void RemoveAt(int index) => _parameters.RemoveAt(index);

    /// <inheritdoc />
    public override void RemoveAt(string parameterName) => _parameters.RemoveAt(IndexOfExisting(parameterName));

    /// <inheritdoc />
    protected override DbParameter GetParameter(int index) => _parameters[index];

    /// <inheritdoc />
    protected override DbParameter GetParameter(string parameterName) => _parameters[IndexOfExisting(parameterName)];

    /// <inheritdoc />
    protected override void SetParameter(int index, DbParameter value) => _parameters[index] = Cast(value);

    /// <inheritdoc />
    protected override void SetParameter(string parameterName, DbParameter value) => _parameters[IndexOfExisting(parameterName)] = Cast(value);

    /// <summary>The parameter for DuckDB's parameter <paramref name="name"/> (a name, or a 1-based position).</summary>
    internal DuckDBParameter? Find(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            return _parameters[index];
        }

        return int.TryParse(name, out var position) && position >= 1 && position <= _parameters.Count
            ? _parameters[position - 1]
            : null;
    }

    private int IndexOfExisting(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index >= 0 ? index : throw new IndexOutOfRangeException($"There is no parameter named '{parameterName}'.");
    }

    private static DuckDBParameter Cast(object value) =>
        value as DuckDBParameter ?? throw new InvalidCastException($"Only DuckDBParameter can be added, not {value?.GetType().Name ?? "null"}.");
}

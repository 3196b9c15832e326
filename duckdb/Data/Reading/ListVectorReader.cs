using System.Collections;
using OpenData.DuckDB.Native;

namespace OpenData.DuckDB.Reading;

/// <summary>LIST: (offset, length) entries into a child vector, read as List&lt;T?&gt; of the child's type.</summary>
internal sealed unsafe class ListVectorReader(VectorReader child) : VectorReader(DuckDBType.List, NestedTypes.ListOf(child.ClrType))
{
    public override string TypeName => child.TypeName + "[]";

    public override void Reset(IntPtr vector)
    {
        base.Reset(vector);
        child.Reset(NativeMethods.Vector.ListGetChild(vector));
    }

    public override object GetValue(ulong row)
    {
        var entry = ((DuckDBListEntry*)Data)[row];
        return NestedTypes.ReadList(child, ClrType, entry.Offset, entry.Length);
    }
}

/// <summary>ARRAY: a fixed number of elements per row in a child vector, read as List&lt;T?&gt; like LIST.</summary>
internal sealed class ArrayVectorReader(VectorReader child, ulong size) : VectorReader(DuckDBType.Array, NestedTypes.ListOf(child.ClrType))
{
    public override string TypeName => $"{child.TypeName}[{size}]";

    public override void Reset(IntPtr vector)
    {
        base.Reset(vector);
        child.Reset(NativeMethods.Vector.ArrayGetChild(vector));
    }

    public override object GetValue(ulong row) => NestedTypes.ReadList(child, ClrType, row * size, size);
}

/// <summary>STRUCT: one child vector per field, read as a Dictionary&lt;string, object?&gt; in field order.</summary>
internal sealed class StructVectorReader(string[] names, VectorReader[] children) : VectorReader(DuckDBType.Struct, typeof(Dictionary<string, object?>))
{
    public override string TypeName =>
        $"STRUCT({string.Join(", ", names.Zip(children, (name, child) => $"{name} {child.TypeName}"))})";

    public override void Reset(IntPtr vector)
    {
        base.Reset(vector);
        for (var i = 0; i < children.Length; i++)
        {
            children[i].Reset(NativeMethods.Vector.StructGetChild(vector, (ulong)i));
        }
    }

    public override object GetValue(ulong row)
    {
        var fields = new Dictionary<string, object?>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            fields[names[i]] = NestedTypes.ValueOrNull(children[i], row);
        }

        return fields;
    }
}

/// <summary>MAP: physically a LIST of STRUCT(key, value), read as Dictionary&lt;TKey, TValue?&gt;.</summary>
internal sealed unsafe class MapVectorReader(VectorReader key, VectorReader value)
    : VectorReader(DuckDBType.Map, typeof(Dictionary<,>).MakeGenericType(key.ClrType, NestedTypes.Nullable(value.ClrType)))
{
    public override string TypeName => $"MAP({key.TypeName}, {value.TypeName})";

    public override void Reset(IntPtr vector)
    {
        base.Reset(vector);
        var entries = NativeMethods.Vector.ListGetChild(vector);
        key.Reset(NativeMethods.Vector.StructGetChild(entries, 0));
        value.Reset(NativeMethods.Vector.StructGetChild(entries, 1));
    }

    public override object GetValue(ulong row)
    {
        var entry = ((DuckDBListEntry*)Data)[row];
        var map = (IDictionary)Activator.CreateInstance(ClrType, (int)entry.Length)!;
        for (var i = entry.Offset; i < entry.Offset + entry.Length; i++)
        {
            map[key.GetValue(i)] = NestedTypes.ValueOrNull(value, i);
        }

        return map;
    }
}

/// <summary>What the nested readers share: element types and reading child rows with NULL as null.</summary>
internal static class NestedTypes
{
    public static Type Nullable(Type type) =>
        type.IsValueType && System.Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;

    public static Type ListOf(Type element) => typeof(List<>).MakeGenericType(Nullable(element));

    public static object? ValueOrNull(VectorReader reader, ulong row) => reader.IsValid(row) ? reader.GetValue(row) : null;

    public static IList ReadList(VectorReader child, Type listType, ulong offset, ulong length)
    {
        var list = (IList)Activator.CreateInstance(listType, (int)length)!;
        for (var i = offset; i < offset + length; i++)
        {
            list.Add(ValueOrNull(child, i));
        }

        return list;
    }
}

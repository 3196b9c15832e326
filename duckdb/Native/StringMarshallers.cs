using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;

namespace OpenData.DuckDB.Native;

/// <summary>A UTF-8 string that DuckDB owns: read, never freed.</summary>
[CustomMarshaller(typeof(string), MarshalMode.ManagedToUnmanagedOut, typeof(DuckDBOwnedStringMarshaller))]
internal static unsafe class DuckDBOwnedStringMarshaller
{
    public static string? ConvertToManaged(byte* unmanaged) => Utf8StringMarshaller.ConvertToManaged(unmanaged);
}

/// <summary>A UTF-8 string that DuckDB allocated for the caller: read, then freed with duckdb_free.</summary>
[CustomMarshaller(typeof(string), MarshalMode.ManagedToUnmanagedOut, typeof(CallerOwnedStringMarshaller))]
internal static unsafe class CallerOwnedStringMarshaller
{
    public static string? ConvertToManaged(byte* unmanaged) => Utf8StringMarshaller.ConvertToManaged(unmanaged);

    public static void Free(byte* unmanaged)
    {
        if (unmanaged != null)
        {
            NativeMethods.Database.Free(unmanaged);
        }
    }
}

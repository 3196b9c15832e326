using System.Runtime.InteropServices;

namespace OpenData.DuckDB.Native;

/// <summary>A handle that DuckDB allocated and that must be released with the matching destroy function.</summary>
internal abstract class DuckDBHandle : SafeHandle
{
    protected DuckDBHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;
}

/// <summary>duckdb_instance_cache: shares one database instance per path within the process.</summary>
internal sealed class InstanceCacheHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Database.DestroyInstanceCache(ref handle);
        return true;
    }
}

/// <summary>duckdb_config, released with duckdb_destroy_config.</summary>
internal sealed class ConfigHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Database.DestroyConfig(ref handle);
        return true;
    }
}

/// <summary>duckdb_database, released with duckdb_close (the instance lives until its last handle closes).</summary>
internal sealed class DatabaseHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Database.Close(ref handle);
        return true;
    }
}

/// <summary>duckdb_connection, released with duckdb_disconnect.</summary>
internal sealed class ConnectionHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Connection.Disconnect(ref handle);
        return true;
    }
}

/// <summary>duckdb_prepared_statement, released with duckdb_destroy_prepare (also after a failed prepare).</summary>
internal sealed class PreparedStatementHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.PreparedStatement.DestroyPrepare(ref handle);
        return true;
    }
}

/// <summary>duckdb_extracted_statements, released with duckdb_destroy_extracted.</summary>
internal sealed class ExtractedStatementsHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.PreparedStatement.DestroyExtracted(ref handle);
        return true;
    }
}

/// <summary>duckdb_pending_result, released with duckdb_destroy_pending (also after a failure).</summary>
internal sealed class PendingResultHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Pending.DestroyPending(ref handle);
        return true;
    }
}

/// <summary>duckdb_logical_type, released with duckdb_destroy_logical_type.</summary>
internal sealed class LogicalTypeHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.LogicalType.DestroyLogicalType(ref handle);
        return true;
    }
}

/// <summary>duckdb_data_chunk fetched from a result, released with duckdb_destroy_data_chunk. Its vectors are borrowed.</summary>
internal sealed class DataChunkHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.DataChunk.DestroyDataChunk(ref handle);
        return true;
    }
}

/// <summary>duckdb_value, released with duckdb_destroy_value.</summary>
internal sealed class ValueHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Value.DestroyValue(ref handle);
        return true;
    }
}

/// <summary>duckdb_appender, released with duckdb_appender_destroy (which flushes and closes it first).</summary>
internal sealed class AppenderHandle : DuckDBHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.Appender.AppenderDestroy(ref handle);
        return true;
    }
}

/// <summary>
/// A duckdb_result living in unmanaged memory, so that DuckDB's pointer to it stays valid while it streams.
/// Released with duckdb_destroy_result, then the memory is freed.
/// </summary>
internal sealed unsafe class ResultHandle : DuckDBHandle
{
    public ResultHandle()
    {
        handle = (IntPtr)NativeMemory.AllocZeroed((nuint)sizeof(DuckDBResult));
    }

    public DuckDBResult* Result => (DuckDBResult*)handle;

    protected override bool ReleaseHandle()
    {
        NativeMethods.Query.DestroyResult(Result);
        NativeMemory.Free((void*)handle);
        return true;
    }
}

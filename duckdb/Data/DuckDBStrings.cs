namespace OpenData.DuckDB;

/// <summary>The binding's own messages, in one place.</summary>
internal static class DuckDBStrings
{
    public const string AppenderFailed = "The appender failed.";
    public const string AppenderFailedBefore = "The appender failed earlier and discarded its unflushed rows; create a new appender.";
    public const string AppenderRowIncomplete = "The appender's row has {0} of {1} columns; append the missing columns before EndRow().";
    public const string CallRequiresOpenConnection = "{0} can only be called on an open connection; call Open() first.";
    public const string CannotReadAs = "A {0} value cannot be read as {1}.";
    public const string ColumnIsNull = "Column {0} ('{1}') is NULL in this row; check IsDBNull first or read it as a nullable type.";
    public const string CommandTextRequired = "CommandText is empty; set it to one or more SQL statements.";
    public const string CommandTimedOut = "The command was stopped after its CommandTimeout of {0} s.";
    public const string CommandCancelled = "The command was cancelled.";
    public const string ConnectionRequired = "The command has no connection; set Connection to an open DuckDBConnection.";
    public const string DataReaderClosed = "The data reader is closed; {0} cannot be called.";
    public const string DataReaderOpen = "A data reader is still open on this command; close it first.";
    public const string DecimalScaleTooLarge = "The list parameter's decimal {0} does not fit DECIMAL(38,{1}), the scale its elements share; round the elements to fewer decimal places.";
    public const string DecimalOutOfRange = "The {0} value {1} does not fit System.Decimal; read it with GetFieldValue<SqlDecimal>(), GetString() or GetDouble().";
    public const string ListElementsDiffer = "A list parameter's elements must all have the same type.";
    public const string MissingNamedParameter = "No value was given for parameter ${0}; add a parameter named '{0}'.";
    public const string MissingPositionalParameter = "No value was given for parameter ${0}; add a parameter named '{0}' or at least {0} positional parameters.";
    public const string NoCurrentRow = "There is no current row; call Read() first and check that it returned true.";
    public const string OpenFailed = "DuckDB could not open '{0}': {1}";
    public const string ParameterBindFailed = "Parameter {0} could not be bound: {1}";
    public const string SettingRejected = "DuckDB rejected the setting '{0}' = '{1}' from the connection string.";
    public const string TemporalOutOfRange = "The {0} value ({1}) is outside the range of {2}; cast it to VARCHAR in SQL to read it as text.";
    public const string TransactionFinished = "The transaction has already been committed or rolled back.";
    public const string TypeNotSupported = "The binding does not read DuckDB's {0} type; cast the column in SQL (for example to VARCHAR).";
    public const string ValueOutOfRange = "The {0} value {1} does not fit {2}.";
    public const string ValueTypeNotSupported = "Values of type {0} cannot be passed to DuckDB; convert them to a supported type (number, string, byte[], date and time types, Guid, list).";
}

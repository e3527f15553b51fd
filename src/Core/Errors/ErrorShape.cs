namespace HoodyKit.Core.Errors;

/// <summary>The error body families the services' references document (ARCHITECTURE §4).</summary>
public enum ErrorShape
{
    /// <summary><c>{"success":false,"error":"…"}</c>: daemon, files.</summary>
    SuccessError,

    /// <summary><c>{"statusCode":404,"error":"Not Found","message":"…","code":"…"}</c>: terminal, display, sqlite KV, curl execution.</summary>
    StatusCodeErrorMessage,

    /// <summary><c>{"code":"…","message":"…","details":…}</c>: cron.</summary>
    CodeMessage,

    /// <summary><c>{"error":"CODE","message":"…"}</c>: curl jobs, sqlite SQL.</summary>
    ErrorMessage,

    /// <summary><c>text/plain</c> message: pipe.</summary>
    PlainText,
}

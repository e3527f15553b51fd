using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.Core.Errors;

/// <summary>
/// Picks the error family for a request: the matched endpoint's declaration first, then the module
/// that owns the path's <c>/api/v1/&lt;service&gt;</c> prefix, then the daemon's family.
/// </summary>
public static class ErrorShapeResolver
{
    public const ErrorShape Fallback = ErrorShape.SuccessError;

    public static ErrorShape Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ErrorShapeMetadata>() is { } declared)
            return declared.Shape;
        var registry = context.RequestServices?.GetService<KitModuleRegistry>();
        return registry?.FindByPath(context.Request.Path)?.ErrorShape ?? Fallback;
    }
}

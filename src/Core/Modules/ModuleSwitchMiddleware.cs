using HoodyKit.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace HoodyKit.Core.Modules;

/// <summary>A stopped module answers its routes with 503 in its own family; health and metrics still answer.</summary>
internal sealed class ModuleSwitchMiddleware(RequestDelegate next, KitModuleRegistry registry)
{
    public Task InvokeAsync(HttpContext context)
    {
        var owner = context.GetEndpoint()?.Metadata.GetMetadata<KitModuleMetadata>();
        if (owner is null || owner.AnswersWhenStopped || registry.Find(owner.Module) is not { } module || registry.IsRunning(module.Name))
            return next(context);
        return ApiErrors.ServiceUnavailable("MODULE_STOPPED", $"The {module.Name} service is stopped").ExecuteAsync(context);
    }
}

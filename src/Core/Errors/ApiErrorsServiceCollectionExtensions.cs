using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HoodyKit.Core.Errors;

public static class ApiErrorsServiceCollectionExtensions
{
    /// <summary>Makes minimal APIs throw on bad requests so the error middleware writes them in the right family.</summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
}

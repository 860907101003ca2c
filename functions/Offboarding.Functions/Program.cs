using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Offboarding.Functions;

// The isolated worker: the Functions host (Azure, or `func start` with Core Tools) drives the [Function] classes, which
// live in their feature folders (Intake/, Transfer/, Operators/, ...). AddOffboardingFunctionApp is the whole composition,
// one Add... per feature. tools/Offboarding.LocalHost runs the same classes with the same composition where no host can
// be installed.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOffboardingFunctionApp(builder.Configuration);
builder.Build().Run();

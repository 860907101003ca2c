using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Offboarding.Subscriber;

// The sample subscriber on the isolated worker; tools/Offboarding.LocalHost runs the same classes (--app subscriber)
// where no Functions host can be installed.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOffboardingSubscriber(builder.Configuration);
builder.Build().Run();

using Offboarding.Functions;
using Offboarding.Functions.Hosting;

// One app, two drivers: see Hosting/FunctionHostingExtensions and the README's "One app, two drivers".
var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionHosting();
builder.Services.AddOffboardingPipeline(builder.Configuration);
var app = builder.Build();
app.MapFunctions();
app.Run();

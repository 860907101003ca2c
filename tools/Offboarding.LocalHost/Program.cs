using Offboarding.Functions;
using Offboarding.Functions.Intake;
using Offboarding.LocalHost;
using Offboarding.Subscriber;
using Offboarding.Subscriber.Delivery;

// Runs a function app's [Function] classes with that app's own composition, as `func start` would where Core Tools exist:
// the offboarding app by default, the sample subscriber with --app subscriber.
var subscriber = LocalApp.IsSubscriber(args);
var builder = WebApplication.CreateBuilder(LocalApp.WithoutAppArgument(args));
if (subscriber)
{
    builder.AddLocalFunctionsHost([typeof(SubscriberFunctions).Assembly]);
    builder.Services.AddOffboardingSubscriber(builder.Configuration);
}
else
{
    builder.AddLocalFunctionsHost([typeof(IntakeFunctions).Assembly]);
    builder.Services.AddOffboardingFunctionApp(builder.Configuration);
}

var app = builder.Build();
app.MapLocalFunctions();
app.Run();

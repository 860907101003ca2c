Console.WriteLine("The benchmark is not built yet.");

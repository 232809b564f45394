module sopkit.example/sopkit

go 1.19

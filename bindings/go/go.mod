module github.com/sopkit/sopkit/bindings/go

go 1.19

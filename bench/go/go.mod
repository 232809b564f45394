module github.com/sopkit/sopkit/bench/go

go 1.19

require github.com/sopkit/sopkit/bindings/go v0.0.0

replace github.com/sopkit/sopkit/bindings/go => ../../bindings/go

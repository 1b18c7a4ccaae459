package store

import "testing"

func TestRedactURI(t *testing.T) {
	for in, want := range map[string]string{
		"mongodb://chorus:s3cret@db1:27017,db2:27017/chorus?authSource=admin": "mongodb://***@db1:27017,db2:27017/chorus",
		"mongodb+srv://u:p@cluster.example.net/":                              "mongodb+srv://***@cluster.example.net",
		"mongodb://mongo:27017":                                               "mongodb://mongo:27017",
		"not a uri":                                                           "(address not shown)",
	} {
		if got := redactURI(in); got != want {
			t.Errorf("redactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

package chorus

// Service is a care service in the register that Quality Checkers visit.
type Service struct {
	ID   string `json:"id" bson:"_id" yaml:"id"`
	Name string `json:"name" bson:"name" yaml:"name"`
	Type string `json:"type" bson:"type" yaml:"type"`
}

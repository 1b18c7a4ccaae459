package chorus

import "time"

// Service is a care service in the register that Quality Checkers visit.
type Service struct {
	ID          string     `json:"id" bson:"_id" yaml:"id"`
	Name        string     `json:"name" bson:"name" yaml:"name"`
	Type        string     `json:"type" bson:"type" yaml:"type"`
	Provider    string     `json:"provider,omitempty" bson:"provider,omitempty" yaml:"provider"`
	Address     string     `json:"address,omitempty" bson:"address,omitempty" yaml:"address"`
	RegulatorID string     `json:"regulatorId,omitempty" bson:"regulatorId,omitempty" yaml:"regulatorId"`
	RetiredAt   *time.Time `json:"retiredAt,omitempty" bson:"retiredAt,omitempty" yaml:"-"`
}

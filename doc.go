// Package cdnkit is a placeholder.
package cdnkit
